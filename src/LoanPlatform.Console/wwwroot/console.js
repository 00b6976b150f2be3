// The officer's language and time zone outlive the session: a year, this console only, never sent elsewhere.
window.consolePreferences = {
    set: (name, value) => {
        const path = document.querySelector("base")?.getAttribute("href") ?? "/";
        document.cookie = `${name}=${encodeURIComponent(value)}; path=${path}; max-age=31536000; samesite=strict`;
        document.documentElement.lang = name === "console-lang" ? value : document.documentElement.lang;
    },
};
