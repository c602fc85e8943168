// UI preferences kept in localStorage (not ledger data): the theme.

export type ThemePref = "system" | "light" | "dark";
const KEY = "aispend.theme";

function stored(): ThemePref {
  try {
    const v = localStorage.getItem(KEY);
    if (v === "light" || v === "dark") return v;
  } catch {
    // storage unavailable
  }
  return "system";
}

class Prefs {
  theme = $state<ThemePref>(stored());

  setTheme(theme: ThemePref): void {
    this.theme = theme;
    try {
      if (theme === "system") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch {
      // applies for this session only
    }
  }
}

export const prefs = new Prefs();

// The theme the page shows: the user's choice, else the system's, followed
// as it changes. style.css has one dark palette, under html[data-theme=dark].
const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
let systemTheme = $state<"light" | "dark">(systemDark.matches ? "dark" : "light");
systemDark.addEventListener("change", (e) => (systemTheme = e.matches ? "dark" : "light"));

$effect.root(() => {
  $effect(() => {
    const root = document.documentElement;
    root.dataset["theme"] = prefs.theme === "system" ? systemTheme : prefs.theme;
    root.dataset["themePref"] = prefs.theme;
  });
});
