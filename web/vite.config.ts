import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// `npm run dev:web`: Vite on :5173 with the api (npm start, :3000) behind /graphql and /exports.
const api = process.env.CIVICLOOP_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 700 },
  server: { port: 5173, proxy: { '/graphql': api, '/exports': api } },
});
