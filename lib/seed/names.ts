const FIRST = ['anna', 'marco', 'lucia', 'paolo', 'giulia', 'luca', 'sara', 'davide', 'elena', 'matteo', 'chiara', 'andrea', 'marta', 'simone', 'laura',
  'fabio', 'irene', 'stefano', 'valeria', 'nicola', 'olga', 'piotr', 'ines', 'jonas', 'maria', 'tomas', 'eva', 'noah', 'lea', 'omar'];
const LAST = ['rossi', 'bianchi', 'russo', 'ferrari', 'esposito', 'romano', 'colombo', 'ricci', 'marino', 'greco', 'bruno', 'gallo', 'conti',
  'deluca', 'costa', 'giordano', 'mancini', 'rizzo', 'lombardi', 'moretti', 'novak', 'schmidt', 'dubois', 'silva', 'jensen'];

/** The n-th generated mailbox owner: stable across runs so seeding is idempotent. */
export function generatedLocalPart(n: number): string {
  const first = FIRST[n % FIRST.length];
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length];
  const round = Math.floor(n / (FIRST.length * LAST.length));
  return round === 0 ? `${first}.${last}` : `${first}.${last}${round + 1}`;
}

export const SUBJECTS = [
  'Quarterly report draft', 'Re: Meeting notes', 'Invoice #{n}', 'Lunch on Friday?', 'Updated roadmap', 'Fwd: Customer feedback',
  'Travel itinerary', 'Password policy reminder', 'Team offsite planning', 'Contract renewal', 'Welcome aboard!', 'Server maintenance window',
  'Re: Budget approval', 'Design review', 'Weekly status', 'Support ticket {n} resolved',
];
export const FOLDERS = ['Projects', 'Customers', 'Archive', 'Receipts', 'Travel', 'Newsletters'];
