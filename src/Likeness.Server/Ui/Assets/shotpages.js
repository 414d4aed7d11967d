// The project's shots read page by page (GET …/characters/{id}/shots?limit=&after=&filters), one cursor per character, merged
// into one sequence in the list's order: created, then id. A shot is handed out only once every character that may
// still have an earlier one has been read that far, so pages never reorder what is already on the screen.
import { api, project } from './ui.js';

// Across characters (within one, the server's order is kept as read): by time, then by id (a Guid's order is its hex's).
const at = e => Date.parse(e.shot.createdAt);
const before = (a, b) => at(a) < at(b) || (at(a) === at(b) && a.shot.id < b.shot.id);

/**
 * Cursors over `characters`' shots that `filter` keeps (a query string of the list's filters, applied by the server
 * before it pages); `next(count)` answers the next (up to) `count` entries ({ shot, character }).
 */
export function shotPages(characters, pageSize, filter = '') {
  const streams = characters.map(character => ({ character, waiting: [], after: null, done: false }));

  async function read(stream) {
    const page = await api(project(`/characters/${stream.character.id}/shots?limit=${pageSize}` + (stream.after ? `&after=${stream.after}` : '') + (filter ? `&${filter}` : '')));
    stream.waiting.push(...page.map(shot => ({ shot, character: stream.character })));
    stream.done = page.length < pageSize;
    if (page.length > 0) { stream.after = page[page.length - 1].id; }
  }

  // The earliest waiting entry, when no unfinished character with nothing waiting could still have an earlier one.
  function earliest() {
    let best = null;
    for (const s of streams) {
      if (s.waiting.length > 0 && (!best || before(s.waiting[0], best.waiting[0]))) { best = s; }
    }
    return best;
  }

  return {
    /** Whether every character's shots have been handed out. */
    get done() { return streams.every(s => s.done && s.waiting.length === 0); },

    async next(count) {
      const out = [];
      while (out.length < count) {
        const empty = streams.filter(s => !s.done && s.waiting.length === 0);
        if (empty.length > 0) {
          await Promise.all(empty.map(read));
          continue;
        }
        const s = earliest();
        if (!s) { break; }
        out.push(s.waiting.shift());
      }
      return out;
    },
  };
}
