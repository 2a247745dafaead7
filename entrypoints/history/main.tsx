import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/tailwind.css';
import { HistoryPage } from '../../components/history/HistoryPage';
import { localizePage } from '../../components/common/page';
import { PageErrorBoundary } from '../../components/common/PageErrorBoundary';
import { t } from '../../lib/i18n';

localizePage(t('history.title'));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PageErrorBoundary>
      <HistoryPage />
    </PageErrorBoundary>
  </StrictMode>,
);
