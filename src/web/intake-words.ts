// The policy's intake choices as the case forms show them: a choice is sent as the policy names it
// (hotel_staff, billing_or_account) and read as words ("Hotel staff", "Billing or account"), as
// partials/intake-fields.eta writes each option (the two must agree). A choice the policy refuses
// (tickets/intake.ts checkIntakeAnswers, whose words are the API's: "must be one of none,
// unsustainable, acceptable") is named back to the form's reader by those words, not by the ids
// they never saw (QA 2026-12-07); so is a refused request type, on the portal's form and the agent's.
import { InvalidInputError, type AccordError } from '../platform/index.ts';
import type { Intake } from '../tickets/index.ts';

/** "Hotel staff" for hotel_staff: underscores as spaces, the first letter upper-case. */
export function choiceText(choice: string): string {
  const words = choice.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The refusal with each refused choice question's answer named by the choices' words, and a refused
 * request type by the types' names as the form lists them (OpenKey's "Customer Assistance", not
 * support); any other refusal as it is.
 */
export function choicesNamed(intake: Intake, error: AccordError): AccordError {
  if (error.code !== 'invalid_input') return error;
  const offered = new Map<string, string>(intake.questions.filter((q) => q.type === 'choice').map((q) => [
    `intake.${q.id}`, `must be one of the choices offered: ${(q.choices ?? []).map(choiceText).join(', ')}`,
  ]));
  if (intake.requestTypes.length) offered.set('requestType', `must be one of the types offered: ${intake.requestTypes.map((r) => r.name).join(', ')}`);
  if (!error.details.some((d) => offered.has(d.path))) return error;
  return new InvalidInputError(error.message, error.details.map((d) => ({ path: d.path, message: offered.get(d.path) ?? d.message })));
}
