// On-call: rotations of agents who answer after hours, overrides, and who is on call when.
// Configured through the API, not the policy file (docs/adr/0006-oncall-and-training.md).
export { onCallAt, rotationShiftAt, rotationStart, shiftsFrom, WEEKDAYS } from './on-call-at.ts';
export type { OnCallShift, OverrideSpan, RotationPlan, Weekday } from './on-call-at.ts';
export { createRotation } from './create-rotation.ts';
export { updateRotation } from './update-rotation.ts';
export { deleteRotation } from './delete-rotation.ts';
export { listRotations } from './list-rotations.ts';
export { addOverride } from './add-override.ts';
export { removeOverride } from './remove-override.ts';
export { listOverrides } from './list-overrides.ts';
export { whoIsOnCall } from './who-is-on-call.ts';
export { listShifts } from './list-shifts.ts';
export { onCallAgents } from './on-call-agents.ts';
export {
  AddOverrideInput,
  CreateRotationInput,
  DeleteRotationInput,
  ListOverridesInput,
  ListRotationsInput,
  ListShiftsInput,
  RemoveOverrideInput,
  UpdateRotationInput,
  WhoIsOnCallInput,
} from './schemas.ts';
export type { OnCallAgent, Override, Rotation, Shift } from './schemas.ts';
export type { OnCallNow } from './who-is-on-call.ts';
