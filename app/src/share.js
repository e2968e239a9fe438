// The Share buttons of public pages (`[data-share]`): the Web Share API
// where the browser has it (phones), else the page's link copied to the
// clipboard, said in a status line. Plain script, inlined in every page by
// the shell: it works before (and without) the app's WASM, which carries
// none of it. Without script the buttons stay hidden (`.can-share`).
document.documentElement.classList.add('can-share');
document.addEventListener('click', async (event) => {
  const button = event.target instanceof Element && event.target.closest('[data-share]');
  if (!button) return;
  const url = location.origin + location.pathname;
  if (navigator.share) {
    try {
      await navigator.share({ title: document.title, url });
    } catch (error) {
      // Dismissed by the listener: nothing to say.
    }
    return;
  }
  try {
    await navigator.clipboard.writeText(url);
    say('Link copied');
  } catch (error) {
    say('Copy this link: ' + url);
  }
});
function say(text) {
  let status = document.getElementById('share-status');
  if (!status) {
    status = document.createElement('p');
    status.id = 'share-status';
    status.className = 'toast';
    status.setAttribute('role', 'status');
    document.body.append(status);
  }
  status.textContent = text;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => (status.textContent = ''), 4000);
}
