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

$effect.root(() => {
  $effect(() => {
    const root = document.documentElement;
    if (prefs.theme === "system") delete root.dataset["theme"];
    else root.dataset["theme"] = prefs.theme;
  });
});
