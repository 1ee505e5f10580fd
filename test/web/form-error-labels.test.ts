// The error box beside a form names a refused field as the forms label it (views/partials/form-error.eta).
// A field called `to` is "To" wherever a form has one (a side conversation's address, a date range's
// end); the tag list's rename box, whose `to` is the tag's new name, says so itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPartial } from '../../src/web/render.ts';

const refusal = (path: string) => ({ form: 'any', message: 'Not saved', details: [{ path, message: 'is not right' }] });

describe('the form error box names the field', () => {
  it('reads `to` as "To" when the form gives no label of its own', () => {
    const html = renderPartial('partials/form-error', { error: refusal('to'), form: 'any' });
    assert.match(html, /<li><strong>To<\/strong> is not right<\/li>/);
  });

  it("reads it as the form's own label when it gives one", () => {
    const html = renderPartial('partials/form-error', { error: refusal('to'), form: 'any', labels: { to: 'New name' } });
    assert.match(html, /<li><strong>New name<\/strong> is not right<\/li>/);
  });
});
