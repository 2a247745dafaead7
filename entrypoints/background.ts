import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../lib/background/main';

export default defineBackground({
  // Firefox (MV2): a persistent background page, which also hosts the EventSub listener.
  persistent: true,
  main: startBackground,
});
