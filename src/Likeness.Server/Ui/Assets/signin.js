// The sign-in form: POST /api/session sets the cookie; then on to where the person was going.
const form = document.getElementById('signin-form');
const error = document.getElementById('signin-error');

form.addEventListener('submit', async e => {
  e.preventDefault();
  error.hidden = true;
  const data = new FormData(form);
  const r = await fetch('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ name: data.get('name'), password: data.get('password') }),
  });
  if (r.ok) {
    const next = new URLSearchParams(location.search).get('next');
    // Only a path of this site: never an address elsewhere.
    location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/ui');
    return;
  }
  error.textContent = r.status === 401 ? 'That name and password do not match.' : `Sign-in failed (${r.status}).`;
  error.hidden = false;
});
