// An article's default address, made from its title: "Set up push notifications (iOS)"
// becomes "set-up-push-notifications-ios".
import { InvalidInputError } from '../platform/errors.ts';
import { isUuidShaped, LIMITS } from './schemas.ts';

export function slugFromTitle(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // accents: "Café" -> "Cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, LIMITS.slug)
    .replace(/^-+|-+$/g, '');
  if (slug === '' || isUuidShaped(slug)) {
    throw new InvalidInputError('No address can be made from this title; give a slug', [
      { path: 'slug', message: 'required when the title has no letters or digits a-z, 0-9' },
    ]);
  }
  return slug;
}
