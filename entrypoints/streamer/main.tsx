import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/tailwind.css';
import { StreamerPage } from '../../components/streamer/StreamerPage';
import { localizePage } from '../../components/common/page';
import { PageErrorBoundary } from '../../components/common/PageErrorBoundary';

localizePage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PageErrorBoundary>
      <StreamerPage />
    </PageErrorBoundary>
  </StrictMode>,
);
