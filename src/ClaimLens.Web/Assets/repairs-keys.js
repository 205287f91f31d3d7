// Alt+N starts a new phone intake from any repair desk page: an agent takes call after call without the mouse.
document.addEventListener("keydown", (e) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === "KeyN") {
        e.preventDefault();
        location.assign("/repairs/intake");
    }
});
