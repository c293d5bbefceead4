import { describe, expect, it } from 'vitest';
import { SUBCOMMAND_NAMES } from '../../src/domain/errors.js';
import { validateBlocks } from '../../src/sandbox/emulator/index.js';
import { helpReply, subcommandHelpReply } from '../../src/slack/views/help.js';

/** `/cx help` and `/cx help <subcommand>` are valid Block Kit and say the same in blocks and fallback. */
describe('help replies', () => {
  it('the full list is valid, and every line of it is in a block too', () => {
    const reply = helpReply({ text: '<!channel> hepl', suggestions: ['help'] });
    expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
    const shown = JSON.stringify(reply.blocks);
    for (const name of SUBCOMMAND_NAMES) expect(shown).toContain(`/cx ${name}`);
    // The typed word is shown as text, never as a live mention.
    expect(reply.text).not.toContain('<!channel>');
    expect(reply.text).toContain('&lt;!channel&gt; hepl');
  });

  it.each(SUBCOMMAND_NAMES)('`/cx help %s` is valid', (name) => {
    const reply = subcommandHelpReply(name);
    expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
    expect(reply.text).toContain(`*\`/cx ${name}\`*: `);
  });
});
