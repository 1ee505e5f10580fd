// Demo knowledge base for OpenKey (hotel mobile keys). The policy refers Tier 1 questions, the
// end-user topics it names (downloading the app, the verification code, the mobile key,
// navigating the app, shared guests), to the Knowledge Base: these are those articles, written
// for hotel staff helping guests.
import type { CreateArticleInput } from '../../kb/index.ts';

export function openkeyArticles(): CreateArticleInput[] {
  return [
    {
      slug: 'downloading-the-openkey-app',
      title: 'Downloading the OpenKey app',
      visibility: 'public',
      tags: ['guests', 'tier-1', 'app'],
      bodyMarkdown: `Guests download the free OpenKey app before or during their stay.

- **iPhone:** open the App Store, search for **OpenKey** and tap **Get**.
- **Android:** open Google Play, search for **OpenKey** and tap **Install**.

Some hotels use their own branded app instead: if the guest's confirmation e-mail names another app, download that one.

After installing, the guest opens the app and enters the mobile phone number they gave when booking. Next: [Receiving a verification code](receiving-a-verification-code).
`,
    },
    {
      slug: 'receiving-a-verification-code',
      title: 'Receiving a verification code',
      visibility: 'public',
      tags: ['guests', 'tier-1', 'verification'],
      bodyMarkdown: `When a guest enters their phone number in the app, OpenKey sends a verification code to that number by text message.

## The code has not arrived

1. Check the number, including the country code. It must be the number on the reservation.
2. Check the phone has signal and can receive text messages (some roaming plans block short-code messages).
3. Tap **Resend code** in the app.
4. If the number on the reservation is wrong, correct it in the property management system or in OpenKey HOST, then ask the guest to try again.
`,
    },
    {
      slug: 'using-a-verification-code',
      title: 'Using a verification code',
      visibility: 'public',
      tags: ['guests', 'tier-1', 'verification'],
      bodyMarkdown: `The guest types the code from the text message into the app and taps **Verify**. On iPhone the code is often offered above the keyboard: tapping it fills it in.

- Each code works once. If the guest requests a new code, only the newest one works.
- "Code not valid" usually means an older code was typed: ask the guest to use the latest message.
- After verifying, the app shows the guest's reservations at OpenKey hotels.
`,
    },
    {
      slug: 'accessing-the-mobile-key',
      title: 'Accessing the mobile key',
      visibility: 'public',
      tags: ['guests', 'tier-1', 'mobile-key'],
      bodyMarkdown: `The mobile key appears in the app once the hotel has issued it, usually at check-in.

## Opening the door

1. Open the OpenKey app and select the reservation.
2. Hold the phone close to the lock.
3. Tap **Unlock** (or the key icon) and wait for the lock's light.

## The key does not appear

- Make sure the guest has verified the phone number on the reservation: [Receiving a verification code](receiving-a-verification-code).
- Check in HOST that a mobile key was issued for the room.
- Pull down on the reservation screen to refresh.

## The door does not open

- **Bluetooth** must be on. On Android, the app also needs the **Nearby devices** or **Location** permission to find the lock.
- Hold the phone closer, near the reader.
- If neither mobile nor RFID keys open any guest room, that is an emergency: call OpenKey at 1-877-800-2008 or, during off hours, 1 (877) 800-2006 (both answered 24/7/365). See [When to contact OpenKey Support](when-to-contact-openkey-support).
`,
    },
    {
      slug: 'navigating-the-openkey-app',
      title: 'Navigating the OpenKey app',
      visibility: 'public',
      tags: ['guests', 'tier-1', 'app'],
      bodyMarkdown: `The app has three places guests use:

- **Reservations:** every upcoming and current stay at an OpenKey hotel. Tap a reservation to see its key, the room number once assigned, and the dates.
- **Key:** the **Unlock** button for the selected reservation.
- **Settings** (the gear icon): the verified phone number and e-mail, notification settings, and help.

Past stays drop off the list after check-out.
`,
    },
    {
      slug: 'adding-shared-guests',
      title: 'Adding shared guests',
      visibility: 'public',
      tags: ['guests', 'tier-1', 'mobile-key'],
      bodyMarkdown: `A guest can share the room key with someone staying with them.

1. In the app, open the reservation and tap **Share key**.
2. Enter the other guest's mobile number.
3. The other guest receives a text message with a link to download the app. Once they verify that number, the shared key appears in their app.

Hotels can limit the number of shared keys per room in OpenKey HOST. Hotel staff can also add a shared guest to the reservation in HOST.
`,
    },
    {
      slug: 'issuing-a-mobile-key-in-host',
      title: 'Issuing a mobile key in OpenKey HOST',
      visibility: 'public',
      tags: ['hotel-staff', 'host'],
      bodyMarkdown: `For hotel staff. Most properties issue keys automatically from the property management system (PMS) at check-in. To issue one by hand:

1. Sign in to the OpenKey HOST web portal.
2. Find the reservation by guest name or confirmation number.
3. Check the guest's phone number, assign the room, and choose **Issue key**.

The guest's app shows the key after they refresh the reservation.
`,
    },
    {
      slug: 'when-to-contact-openkey-support',
      title: 'When to contact OpenKey Support',
      kind: 'faq',
      visibility: 'public',
      tags: ['hotel-staff', 'support'],
      bodyMarkdown: `Questions about guest use of the app (downloading it, verification codes, the mobile key, navigating the app, shared guests) are Tier 1: the articles in this Knowledge Base answer them, and hotel staff handle them with the guest. "Additional guidance will be provided upon request if the issue is outside the scope of the knowledge base articles."

Disruptions in service to the property, substantial recurring malfunctions in the software, and PMS integration issues are Tier 2: contact OpenKey Support.

- **Phone:** 1-877-800-2008 (answered 24/7/365)
- **Email:** support@openkey.co
- **Chat:** during regular business hours, 9 am - 5 pm CST M-F, via the chat bubble in the Knowledge Base and HOST Platform

For emergency assistance during off hours, call 1 (877) 800-2006 (answered 24/7/365), or call 877-800-2008 and ask to speak to the OpenKey After Hours Emergency Contact. An example of an emergency is a total system outage when both mobile and RFID keys will not allow access to any guest rooms.

- **Billing questions:** Billing@OpenKey.co
- **Training needs:** browse this Knowledge Base, or email Support@OpenKey.co
- **Sales:** start an online chat or submit a Demo Request on OpenKey's website, or email Sales@OpenKey.co
`,
    },
    {
      slug: 'tier-2-pms-integration-checklist',
      title: 'Tier 2: PMS integration checklist',
      visibility: 'internal',
      tags: ['agents', 'tier-2', 'pms'],
      bodyMarkdown: `For agents. On a PMS integration report, collect before working it:

- Property name and HOST property ID
- PMS vendor and version, and whether the property's IT or the PMS provider changed anything recently
- Reservations affected (confirmation numbers) and the times check-ins failed to issue keys
- Whether keys issued by hand in HOST work

Where the cause is outside OpenKey (the PMS provider, a third-party mobile key server, or a fix that needs a scheduled app or portal release), say so on the ticket and record who we are waiting on.
`,
    },
  ];
}
