/** Small numbers as heading markers, ordinals and dates write them (一 … 九十九, or 1 … 999), shared by the stages. */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "一" → 1, "十二" → 12, "二十" → 20, "3" → 3; null when the text is not such a numeral. */
export function smallNumber(s: string): number | null {
  if (/^\d{1,3}$/.test(s)) return Number(s);
  if (s.length === 0 || s.length > 3) return null;
  const ten = s.indexOf("十");
  if (ten < 0) return s.length === 1 ? (DIGITS[s] ?? null) : null;
  const before = s.slice(0, ten);
  const after = s.slice(ten + 1);
  const tens = before === "" ? 1 : (DIGITS[before] ?? null);
  const ones = after === "" ? 0 : (DIGITS[after] ?? null);
  if (tens === null || ones === null || before.length > 1 || after.length > 1) return null;
  return tens * 10 + ones;
}
