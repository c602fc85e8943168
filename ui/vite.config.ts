import { defineConfig } from "vite";

// The Tauri CLI runs `npm --prefix ui run dev` and loads http://localhost:5173
// (tauri.conf.json `build.devUrl`), so the port must not drift.
export default defineConfig({
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    host: "localhost",
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 4.1 on Debian 12 / Ubuntu 22.04 and later.
    target: "safari16",
    sourcemap: false,
  },
});
