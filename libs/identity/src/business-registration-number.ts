const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/**
 * Normalizes a Korean business registration number (사업자등록번호) to its 10 digits, or returns null
 * when it is not one: dashes are allowed, the tenth digit is the checksum of docs/RULES.md §3. All zeros
 * passes the checksum but is nobody's number (a placeholder), so it is refused too.
 */
export function normalizeBusinessRegistrationNumber(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\d{3}-?\d{2}-?\d{5}$/.test(trimmed)) return null;
  const digits = trimmed.replaceAll('-', '');
  if (digits === '0000000000') return null;
  const d = [...digits].map(Number);
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + d[i] * weight, 0) + Math.floor((d[8] * 5) / 10);
  return (10 - (sum % 10)) % 10 === d[9] ? digits : null;
}
