// Canned responses: the replies a support team writes once and sends often, filled for a ticket.
export { createCannedResponse } from './create-canned-response.ts';
export { updateCannedResponse } from './update-canned-response.ts';
export { deleteCannedResponse } from './delete-canned-response.ts';
export { listCannedResponses } from './list-canned-responses.ts';
export { renderCannedResponse, type RenderedCannedResponse } from './render-canned-response.ts';
export { PLACEHOLDERS, fillPlaceholders, unknownPlaceholders } from './placeholders.ts';
export { LIMITS as CANNED_LIMITS, type CannedResponse } from './schemas.ts';
