import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/tailwind.css';
import { OptionsPage } from '../../components/options/OptionsPage';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsPage />
  </StrictMode>,
);
