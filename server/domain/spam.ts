export interface BotSigns {
  /** The honeypot field as sent: people never see it, so they leave it empty. */
  honeypot: string | undefined;
  /** When the post's proof-of-work challenge was issued (epoch ms); null while proof of work is off. */
  challengeIssuedAt: number | null;
  now: number;
}

export interface BotRules {
  honeypot: boolean;
  /** Posting sooner than this after the challenge was issued is faster than anyone writes. */
  minSubmitSeconds: number;
}

/**
 * Whether a post bears a bot's marks. Such posts are kept as spam and answered like any post held for
 * moderation, so the bot cannot tell which of its tricks failed.
 */
export function looksLikeBot(signs: BotSigns, rules: BotRules): boolean {
  if (rules.honeypot && signs.honeypot !== undefined && signs.honeypot !== '') return true;
  return (
    signs.challengeIssuedAt !== null &&
    signs.now - signs.challengeIssuedAt < rules.minSubmitSeconds * 1000
  );
}
