import { mount } from "svelte";
import App from "./App.svelte";

// Start-up marks for the desktop benchmark (tests/desktop/bench_desktop.py):
// when the bundle starts running and when the app is mounted.
performance.mark("aispend-script");
const target = document.getElementById("app");
if (target !== null) {
  target.replaceChildren();
  mount(App, { target });
  performance.mark("aispend-mounted");
}
