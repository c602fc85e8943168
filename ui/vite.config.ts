import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The Tauri CLI runs `npm --prefix ui run dev` and loads http://localhost:5173
// (tauri.conf.json `build.devUrl`), so the port must not drift.
//
// CSP (`style-src 'self'`, `script-src 'self'`): every stylesheet is a file
// linked from index.html and the components carry no <style> blocks, so no
// <style> element is ever injected, in dev or in the build.
export default defineConfig({
  clearScreen: false,
  plugins: [svelte()],
  server: {
    port: 5173,
    strictPort: true,
    host: "localhost",
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
    // The core's message catalogs (crates/core/i18n) live beside the UI.
    fs: { allow: [".", "../crates/core/i18n"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 4.1 on Debian 12 / Ubuntu 22.04 and later.
    target: "safari16",
    sourcemap: false,
    // Never inline assets as data: URLs into scripts or styles.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
