// Alt+N starts a new phone intake from any repair desk page: an agent takes call after call without the mouse.
document.addEventListener("keydown", (e) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === "KeyN") {
        e.preventDefault();
        location.assign("/repairs/intake");
    }
});
// Says the shortcut is live (a keyboard user's key pressed before this module ran does nothing; tests wait for it).
document.documentElement.dataset.shortcuts = "alt+n";
