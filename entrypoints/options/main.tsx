import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/tailwind.css';
import { OptionsPage } from '../../components/options/OptionsPage';
import { localizePage } from '../../components/common/page';
import { PageErrorBoundary } from '../../components/common/PageErrorBoundary';
import { t } from '../../lib/i18n';

localizePage(t('options.title'));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PageErrorBoundary isOptionsPage>
      <OptionsPage />
    </PageErrorBoundary>
  </StrictMode>,
);
