import { languageChoiceOf, languageOf, setLanguage } from '../../../app/language.js';
import { inLanguage, msg } from '../../messages/index.js';
import { textReply } from '../../views/replies.js';
import type { CommandHandler } from './handler.js';

/**
 * `/cx lang en|de|auto`: the caller's own language. The reply is already in the new language (built
 * inside it), so the person sees at once what they chose. Alone: the language in effect and the choices.
 */
export const lang: CommandHandler<'lang'> = async (cmd, { ctx, caller }) => {
  if (cmd.choice === null) {
    const now = await languageOf(ctx, caller.userId);
    return textReply(msg.langShow(now, languageChoiceOf(ctx, caller.userId) === 'auto'));
  }
  const now = await setLanguage(ctx, caller.userId, cmd.choice);
  return inLanguage(now, () => textReply(msg.langSet(now, cmd.choice === 'auto')));
};
