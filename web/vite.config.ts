// The web app's build: React, served from web/dist by `mubiao serve`; in dev, /api goes to the server.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { "/api": process.env.MUBIAO_API ?? "http://127.0.0.1:8080" } },
});
