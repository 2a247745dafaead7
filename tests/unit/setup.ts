import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { englishMessages, serveMessages } from './messages';

serveMessages(englishMessages, 'en-US');

beforeEach(() => {
  fakeBrowser.reset();
  // The English messages, in American English formats, unless a test chooses another language.
  serveMessages(englishMessages, 'en-US');
});

afterEach(() => {
  cleanup();
});
