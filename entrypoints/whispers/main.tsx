import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/tailwind.css';
import { localizePage } from '../../components/common/page';
import { PageErrorBoundary } from '../../components/common/PageErrorBoundary';
import { WhispersPage } from '../../components/whispers/WhispersPage';
import { t } from '../../lib/i18n';

localizePage(t('whispers.title'));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PageErrorBoundary>
      <WhispersPage />
    </PageErrorBoundary>
  </StrictMode>,
);
