/** The live feed's clock text: time left as an ISO-8601 duration, `PT05M32.00S`. */
export function isoClock(secondsLeft: number): string {
  // Hundredths, rounded down: a clock at 359.999 s must not read 6:00 (that would be before 18:00).
  const hundredths = Math.max(0, Math.floor(secondsLeft * 100 + 1e-6));
  const minutes = Math.floor(hundredths / 6000);
  const seconds = (hundredths % 6000) / 100;
  return `PT${String(minutes).padStart(2, '0')}M${seconds.toFixed(2).padStart(5, '0')}S`;
}
