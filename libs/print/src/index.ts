export * from './fonts.js';
export * from './woff.js';
export * from './pdf-document.js';
export * from './pdf-table.js';
export * from './print-document.js';
export * from './print-pdf.js';
