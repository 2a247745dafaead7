import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/tailwind.css';
import { Popup } from '../../components/popup/Popup';
import { localizePage } from '../../components/common/page';
import { PageErrorBoundary } from '../../components/common/PageErrorBoundary';

localizePage();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PageErrorBoundary>
      <Popup />
    </PageErrorBoundary>
  </StrictMode>,
);
