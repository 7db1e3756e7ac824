// `nianbao serve`: a local web app over a database — list, review and correct, upload, compare, chart.
export { startServer, type RunningServer } from './server.js';
export { createApp } from './app.js';
export { resolveServeOptions, isLoopback, type ServeOptions } from './options.js';
