/** Puppeteer never downloads a browser here: tests use the system Chromium (CHROMIUM_PATH overrides it). */
module.exports = { skipDownload: true };
