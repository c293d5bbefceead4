import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../../../app/context.js';
import { awaitedDecision } from '../../../app/metric-checks.js';
import { activeInitiative } from '../../../app/requests-read.js';
import { isAdmin } from '../../../app/users.js';
import type { UserId } from '../../../domain/types.js';
import type { CommandOf } from '../../parse/command/index.js';
import { askButtonBlock } from '../../views/ask-modal.js';
import { type BuiltMessage, LIMITS } from '../../views/blocks.js';
import { decideBlocks } from '../../views/check.js';
import { handOverButton } from '../../views/hand-over-modal.js';

/**
 * The reply as everyone sees it, and as its owner or an admin does (with Hand over, and Recommit / Close while
 * a verdict waits for that decision); null when closed.
 */
interface Variants {
  everyone: BuiltMessage;
  owner: { ownerId: UserId; reply: BuiltMessage } | null;
}

/**
 * `/cx show I-n` of an active initiative gets a row of buttons under its facts: "Ask another department" for
 * everyone, and "Hand over" for its owner and the admins (who may). Under it, for them too, the decision a
 * 12-month or follow-up verdict waits for: its DM went to whoever owned the initiative then, who may have handed
 * it over or left since. Copies: the reply itself may be a cached one. The same cached reply gets the same
 * copies (a cached reply is rebuilt after any write, so whether the initiative is active, who owns it and
 * whether a decision waits cannot have changed), so their serialized acks are reused (issue 13).
 */
export async function withInitiativeButtons(
  cmd: CommandOf<'show'>,
  reply: BuiltMessage | null,
  ctx: AppContext,
  viewerId: UserId,
): Promise<BuiltMessage | null> {
  if (!reply || cmd.ref.kind !== 'I') return reply;
  let known = variants.get(reply);
  if (!known) {
    known = variantsOf(reply, ctx, cmd.ref.n);
    variants.set(reply, known);
  }
  const { owner } = known;
  if (owner && (owner.ownerId === viewerId || (await isAdmin(ctx, viewerId)))) return owner.reply;
  return known.everyone;
}
const variants = new WeakMap<BuiltMessage, Variants>();

function variantsOf(reply: BuiltMessage, ctx: AppContext, id: number): Variants {
  const initiative = activeInitiative(ctx, id);
  if (!initiative) return { everyone: reply, owner: null };
  const withRows = (...rows: KnownBlock[]): BuiltMessage => {
    const blocks = [...reply.blocks];
    blocks.splice(1, 0, ...rows);
    return { ...reply, blocks: blocks.slice(0, LIMITS.messageBlocks) };
  };
  const ask = askButtonBlock(id);
  const decision = awaitedDecision(ctx.handle.db, initiative);
  return {
    everyone: withRows(ask),
    owner: {
      ownerId: initiative.ownerId,
      reply: withRows(
        { ...ask, elements: [...ask.elements, handOverButton(id)] },
        ...(decision ? decideBlocks(id, decision.dueDate) : []),
      ),
    },
  };
}
