// The web app's build (npm run build:web → web/dist, served by the Karvon server at /) and its dev
// server (npm run dev:web, with the API of a running `npm start` behind it).
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { baseMapPlugin } from './vite/base-map.ts';

const here = import.meta.dirname;
const server = 'http://localhost:8080';

export default defineConfig({
  root: here,
  plugins: [
    react(),
    baseMapPlugin(),
    // Brotli and gzip copies of every file beside it, served by the Karvon server to browsers that
    // accept them (@fastify/static preCompressed): a border post's link carries a third of the bytes.
    compression({ algorithms: [defineAlgorithm('brotliCompress'), defineAlgorithm('gzip', { level: 9 })], threshold: 1024, include: /\.(m?js|css|html|json|svg)$/ }),
  ],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    // MapLibre is one library of ~1.1 MB, in its own chunk that only the pages with a map load.
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: Object.fromEntries(['/api', '/epcis', '/openapi.json', '/ready', '/health'].map((prefix) => [prefix, server])) },
});
