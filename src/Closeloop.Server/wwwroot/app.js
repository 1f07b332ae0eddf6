// Closeloop workbench: the little the server cannot render. Countdowns tick every second and take
// the colour of their state; a live region (a queue) refreshes itself from the server while the
// person is not working in it. Pages work without this file; it only keeps them current.
(() => {
    "use strict";

    const zh = () => document.documentElement.lang.startsWith("zh");

    // "2 h 05 min" / "2小时05分" left, or "overdue 3 min" / "超时3分" past due.
    function remaining(ms) {
        const late = ms < 0;
        let minutes = Math.floor(Math.abs(ms) / 60000);
        const days = Math.floor(minutes / 1440);
        minutes -= days * 1440;
        const hours = Math.floor(minutes / 60);
        minutes -= hours * 60;
        const seconds = Math.floor(Math.abs(ms) / 1000) % 60;
        let text;
        if (zh()) {
            text = days > 0 ? `${days}天${hours}小时` : hours > 0 ? `${hours}小时${String(minutes).padStart(2, "0")}分` : `${minutes}分${String(seconds).padStart(2, "0")}秒`;
            return late ? `超时 ${text}` : `剩余 ${text}`;
        }
        text = days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${String(minutes).padStart(2, "0")} min` : `${minutes} min ${String(seconds).padStart(2, "0")} s`;
        return late ? `${text} overdue` : `${text} left`;
    }

    function tick() {
        const now = Date.now();
        for (const clock of document.querySelectorAll("time.countdown[data-due]")) {
            if (clock.dataset.state === "paused")
                continue;
            const due = Date.parse(clock.dataset.due);
            const warn = clock.dataset.warn ? Date.parse(clock.dataset.warn) : NaN;
            // The server decides what a breach does; the page only shows the state the clock has reached.
            const state = now >= due ? "breached" : !isNaN(warn) && now >= warn ? "warned" : "running";
            if (clock.dataset.state !== state) {
                clock.classList.remove("running", "warned", "breached");
                clock.classList.add(state);
                clock.dataset.state = state;
            }
            const text = remaining(due - now);
            if (clock.textContent !== text)
                clock.textContent = text;
        }
    }

    // A live region is fetched again every data-refresh seconds, unless the person has ticked a box
    // or is typing in it: a refresh must never take away what they are doing.
    async function refresh(region) {
        if (document.hidden || region.querySelector("input:checked") || region.contains(document.activeElement))
            return;
        const answer = await fetch(location.href, { headers: { "Accept": "text/html" }, credentials: "same-origin" });
        if (!answer.ok)
            return;
        const fresh = new DOMParser().parseFromString(await answer.text(), "text/html").getElementById(region.id);
        if (fresh && fresh.innerHTML !== region.innerHTML && !region.querySelector("input:checked") && !region.contains(document.activeElement)) {
            region.innerHTML = fresh.innerHTML;
            tick();
        }
    }

    function schedule() {
        for (const region of document.querySelectorAll("[data-refresh]:not([data-refreshing])")) {
            region.dataset.refreshing = "";
            const seconds = Math.max(5, Number(region.dataset.refresh) || 30);
            const timer = setInterval(() => {
                if (!region.isConnected) {
                    clearInterval(timer);
                    return;
                }
                refresh(region).catch(() => { });
            }, seconds * 1000);
        }
    }

    // A page may name the field to start in (the intake form's phone, for each new call). The layout
    // moves focus to the heading after a navigation, so this runs after it.
    function focusStart() {
        setTimeout(() => document.querySelector("[data-focus]")?.focus(), 0);
    }

    tick();
    schedule();
    focusStart();
    window.Blazor?.addEventListener("enhancedload", focusStart);
    setInterval(tick, 1000);
    // Blazor's enhanced navigation swaps page content without a new load: pick up new regions then.
    document.addEventListener("DOMContentLoaded", schedule);
    new MutationObserver(changes => {
        if (changes.some(change => [...change.addedNodes].some(node => node.nodeType === Node.ELEMENT_NODE)))
            schedule();
    }).observe(document.body, { childList: true, subtree: true });
})();
