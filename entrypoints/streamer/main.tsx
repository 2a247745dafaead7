import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../assets/tailwind.css';
import { StreamerPage } from '../../components/streamer/StreamerPage';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StreamerPage />
  </StrictMode>,
);
