import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/tailwind.css';
import { Popup } from '../../components/popup/Popup';
import { localizePage } from '../../components/common/page';
import { PageErrorBoundary } from '../../components/common/PageErrorBoundary';
import { preloadStorageItems } from '../../components/hooks/use-storage-item';
import {
  authProfile,
  favorites,
  listenerStatus,
  quietHours,
  sessionEndedNotice,
  signInError,
  snoozedUntil,
} from '../../lib/settings';

localizePage();
// What the popup shows first, read together before its first render: it appears whole, at once.
// Live now and For you follow (the live list is large, and not needed to use the popup). Should
// the browser be slow to answer, the popup renders after a second anyway ("Loading" until then).
const readAhead = preloadStorageItems([
  authProfile,
  favorites,
  listenerStatus,
  sessionEndedNotice,
  signInError,
  snoozedUntil,
  quietHours,
]).catch((error: unknown) => console.error('Companion for Twitch: could not read ahead.', error));
void Promise.race([readAhead, new Promise((resolve) => setTimeout(resolve, 1_000))]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PageErrorBoundary>
        <Popup />
      </PageErrorBoundary>
    </StrictMode>,
  ),
);
