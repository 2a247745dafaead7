// Chrome's listener host: an offscreen document whose worker holds the EventSub WebSocket.
import { startOffscreenHost } from '../../lib/host/offscreen-document';

startOffscreenHost();
