// The web app's build (npm run build:web → web/dist, served by the Karvon server at /) and its dev
// server (npm run dev:web, with the API of a running `npm start` behind it).
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { baseMapPlugin } from './vite/base-map.ts';

const here = import.meta.dirname;
const server = 'http://localhost:8080';

export default defineConfig({
  root: here,
  plugins: [react(), baseMapPlugin()],
  build: { outDir: path.join(here, 'dist'), emptyOutDir: true },
  server: { proxy: Object.fromEntries(['/api', '/epcis', '/openapi.json', '/ready', '/health'].map((prefix) => [prefix, server])) },
});
