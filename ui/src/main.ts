import { mount } from "svelte";
import App from "./App.svelte";

// Start-up marks for the desktop benchmark (tests/desktop/bench_desktop.py):
// when the bundle starts running and when the app is mounted.
performance.mark("aispend-script");
// The font stacks differ on Linux (style.css, :root.os-linux); set before the
// app mounts, so its text is laid out once with the right faces.
if (/\bLinux\b/.test(navigator.userAgent) && !/\bAndroid\b/.test(navigator.userAgent)) {
  document.documentElement.classList.add("os-linux");
}
const target = document.getElementById("app");
if (target !== null) {
  target.replaceChildren();
  mount(App, { target });
  performance.mark("aispend-mounted");
}
