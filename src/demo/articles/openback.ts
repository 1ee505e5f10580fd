// Demo help-centre articles for OpenBack (mobile push notifications, SDK-based). Product help
// only: support hours, targets and terms are the published policy's, quoted where an article
// needs them, never restated in other words.
import type { CreateArticleInput } from '../../kb/index.ts';

export function openbackArticles(): CreateArticleInput[] {
  return [
    {
      slug: 'getting-started-with-openback',
      title: 'Getting started with OpenBack',
      visibility: 'public',
      tags: ['onboarding', 'setup'],
      bodyMarkdown: `Welcome to OpenBack. This page walks you from a new account to your first notification on a test device.

## 1. Create your app in the dashboard

Sign in to the dashboard, choose **Apps → New app**, and give it the name your users know. Each app gets an **App Code**: the SDK uses it to find your app, so keep it at hand.

## 2. Add the SDK to your mobile app

Follow the guide for your platform:

- [Integrate the iOS SDK](integrate-the-ios-sdk)
- [Integrate the Android SDK](integrate-the-android-sdk)

## 3. Connect the push services

Upload your APNs key (iOS) and your Firebase service account (Android), see [Set up push notifications on iOS](set-up-push-notifications-on-ios) and [on Android](set-up-push-notifications-on-android).

## 4. Send a test

Register a test device and send yourself a notification: [Testing notifications on a device](testing-notifications-on-a-device).

## Technical On-boarding

If you are new to OpenBack, our team takes you through Technical On-boarding. Our support policy says: "OpenBack will only provide Standard Support to customers who do not complete the OpenBack Technical On-boarding (this applies only for customers that are new users of the OpenBack SaaS product)."
`,
    },
    {
      slug: 'integrate-the-ios-sdk',
      title: 'Integrate the iOS SDK',
      visibility: 'public',
      tags: ['ios', 'sdk', 'setup'],
      bodyMarkdown: `The OpenBack iOS SDK supports Swift and Objective-C apps.

## Install

**Swift Package Manager:** in Xcode choose **File → Add Package Dependencies…** and enter the OpenBack SDK repository address shown in the dashboard under **Apps → SDK**.

**CocoaPods:** add \`pod 'OpenBack'\` to your \`Podfile\` and run \`pod install\`.

## Enable the capabilities

In your target's **Signing & Capabilities** tab add:

- **Push Notifications**
- **Background Modes**, with *Remote notifications* ticked

## Start the SDK

Start OpenBack as early as possible, in \`application(_:didFinishLaunchingWithOptions:)\`, with the App Code of your app:

\`\`\`swift
import OpenBack

OpenBack.start(appCode: "YOUR_APP_CODE")
\`\`\`

## Check the integration

Run the app on a real device (the simulator cannot receive remote notifications) and open **Apps → Devices** in the dashboard: your device appears within a few moments of the first launch. If it does not, turn on debug logging (\`OpenBack.setLogLevel(.debug)\`) and look for the registration lines in the Xcode console.
`,
    },
    {
      slug: 'integrate-the-android-sdk',
      title: 'Integrate the Android SDK',
      visibility: 'public',
      tags: ['android', 'sdk', 'setup'],
      bodyMarkdown: `The OpenBack Android SDK supports Kotlin and Java apps.

## Install

Add the OpenBack repository and dependency to your module's \`build.gradle\` as shown in the dashboard under **Apps → SDK**, then sync the project.

## Start the SDK

Start OpenBack in your \`Application\` class:

\`\`\`kotlin
class MyApp : Application() {
    override fun onCreate() {
        super.onCreate()
        OpenBack.start(this, "YOUR_APP_CODE")
    }
}
\`\`\`

Remember to register the class in \`AndroidManifest.xml\` with \`android:name=".MyApp"\`.

## Firebase

OpenBack delivers through Firebase Cloud Messaging. Add your \`google-services.json\` to the app module and apply the Google services Gradle plugin, then connect the same Firebase project in the dashboard: [Set up push notifications on Android](set-up-push-notifications-on-android).

## Android 13 and later

Apps targeting Android 13 must ask for the \`POST_NOTIFICATIONS\` permission. See [Asking users for permission](asking-users-for-notification-permission).
`,
    },
    {
      slug: 'set-up-push-notifications-on-ios',
      title: 'Set up push notifications on iOS',
      visibility: 'public',
      tags: ['ios', 'push', 'apns'],
      bodyMarkdown: `OpenBack sends iOS notifications through Apple Push Notification service (APNs) with a token-based key.

## Create an APNs key

1. In your Apple Developer account open **Certificates, Identifiers & Profiles → Keys**.
2. Create a key with **Apple Push Notifications service (APNs)** enabled.
3. Download the \`.p8\` file. Apple lets you download it once, so store it safely.
4. Note the **Key ID** and your **Team ID**.

## Upload it to OpenBack

In the dashboard open **Apps → your app → Push settings → iOS**, upload the \`.p8\` file and enter the Key ID, the Team ID and your app's **Bundle ID**.

## Sandbox or production?

Builds run from Xcode use the APNs sandbox; TestFlight and App Store builds use production. Choose the matching environment for each test device, or notifications to it will not arrive.
`,
    },
    {
      slug: 'set-up-push-notifications-on-android',
      title: 'Set up push notifications on Android',
      visibility: 'public',
      tags: ['android', 'push', 'firebase'],
      bodyMarkdown: `OpenBack sends Android notifications through Firebase Cloud Messaging (FCM).

1. In the Firebase console open **Project settings → Service accounts** and choose **Generate new private key**. A JSON file downloads.
2. In the OpenBack dashboard open **Apps → your app → Push settings → Android** and upload that JSON file.
3. Make sure the app's \`google-services.json\` comes from the **same Firebase project**: a token issued by one project cannot be used by another.

## Notification channels

Android groups notifications into channels that users can turn off one by one. Create your channels at start-up and choose the channel for each campaign in the dashboard.
`,
    },
    {
      slug: 'asking-users-for-notification-permission',
      title: 'Asking users for notification permission',
      visibility: 'public',
      tags: ['ios', 'android', 'permissions'],
      bodyMarkdown: `Users must allow notifications before any can be shown.

- **iOS** shows the system prompt when your app requests authorization. Ask at a moment where the value is clear (after sign-up, say), not at first launch.
- **Android 13 and later** requires the \`POST_NOTIFICATIONS\` runtime permission; earlier versions allow notifications by default.

The dashboard's **Audience** page shows how many of your devices have notifications enabled, so you can see the effect of changing when you ask.

A user who declined can only turn notifications back on in the system settings. A gentle in-app message explaining how is often enough.
`,
    },
    {
      slug: 'creating-segments',
      title: 'Creating segments',
      visibility: 'public',
      tags: ['segments', 'targeting'],
      bodyMarkdown: `A segment is a saved group of devices that a campaign targets, for example "opened the app in the last week" or "premium subscribers in Ireland".

## Create a segment

1. Open **Audience → Segments → New segment**.
2. Add conditions on device data (platform, app version, country, language), on [custom attributes](custom-attributes-and-events) and on events.
3. Combine conditions with **all of** or **any of**.
4. Save. The estimated size updates as you edit.

Segments are evaluated when a campaign is sent, so a device joins or leaves a segment as its data changes.
`,
    },
    {
      slug: 'custom-attributes-and-events',
      title: 'Custom attributes and events',
      visibility: 'public',
      tags: ['sdk', 'segments', 'attributes'],
      bodyMarkdown: `Custom attributes describe a user (a plan, a favourite team); events record something they did (completed a level, abandoned a basket). Both can be used in segments and campaign triggers.

\`\`\`swift
OpenBack.setAttribute("plan", value: "premium")
OpenBack.logEvent("basket_abandoned")
\`\`\`

\`\`\`kotlin
OpenBack.setAttribute("plan", "premium")
OpenBack.logEvent("basket_abandoned")
\`\`\`

Use lower-case names with underscores and keep values short. Do not store personal data such as e-mail addresses or phone numbers in attributes.
`,
    },
    {
      slug: 'scheduling-a-campaign',
      title: 'Scheduling a campaign',
      visibility: 'public',
      tags: ['campaigns', 'push'],
      bodyMarkdown: `A campaign is a notification (or a series) sent to a segment.

1. Open **Campaigns → New campaign** and pick the segment.
2. Write the title and message; add an image or a deep link if you like. The preview shows how it looks on iOS and Android.
3. Choose when to send:
   - **Now**
   - **At a date and time**, in your time zone or in each device's local time
   - **On a trigger**, when a device logs an event or meets a condition
4. Review and **Schedule**.

You can pause a scheduled campaign at any time before it sends from the campaign's page.
`,
    },
    {
      slug: 'reading-your-dashboards',
      title: 'Reading your dashboards',
      visibility: 'public',
      tags: ['dashboard', 'analytics'],
      bodyMarkdown: `The dashboard's **Overview** shows, for the period you choose:

- **Sent**: notifications handed to APNs and FCM
- **Delivered**: notifications the devices confirmed
- **Opened**: notifications tapped
- **Conversions**: opens followed by the event you set as the campaign's goal

Each campaign has its own page with the same figures and a breakdown by platform and by day. Use **Export** to download them as CSV.

Delivery on Android can lag behind sending while a device is in battery-saving mode, so figures for the last hour may still rise.
`,
    },
    {
      slug: 'testing-notifications-on-a-device',
      title: 'Testing notifications on a device',
      visibility: 'public',
      tags: ['testing', 'ios', 'android'],
      bodyMarkdown: `Send test notifications to your own devices before a campaign goes out.

1. Launch your app on the device once so that it registers.
2. In **Apps → Devices** find it (search by device name or by the device ID your app logs) and choose **Mark as test device**.
3. In any campaign choose **Send test** and pick the device.

iOS devices running a build from Xcode need the sandbox APNs environment; see [Set up push notifications on iOS](set-up-push-notifications-on-ios).
`,
    },
    {
      slug: 'notifications-not-arriving',
      title: 'Notifications are not arriving: a checklist',
      kind: 'faq',
      visibility: 'public',
      tags: ['troubleshooting', 'push', 'ios', 'android'],
      bodyMarkdown: `Work through these in order; most missing notifications stop at one of them.

1. **Is the device registered?** It should be listed in **Apps → Devices**. If not, check the App Code passed to the SDK.
2. **Are notifications allowed?** Check the app's notification settings on the device.
3. **Do the push credentials match?** The APNs key must belong to the app's team and bundle ID; the Firebase service account must come from the project in \`google-services.json\`.
4. **Sandbox or production?** A build from Xcode needs the sandbox environment.
5. **Is the device in the segment?** Open the segment and search for the device.
6. **Battery saving or Focus?** Both can delay or hide notifications.

If all of that looks right, contact support with your App Code, the device ID, the platform and SDK version, and the time of the test.
`,
    },
    {
      slug: 'named-support-contacts',
      title: 'Named Support Contacts',
      kind: 'faq',
      visibility: 'public',
      tags: ['support', 'account'],
      bodyMarkdown: `Our support policy says: "Customers shall designate named individuals ("Named Support Contacts") to serve as liaisons with OpenBack Support for each active service from OpenBack."

How many Named Support Contacts a package includes:

| Growth | Pro | Enterprise |
| --- | --- | --- |
| - | 1 | 2 |

Named Support Contacts are responsible for reporting cases to OpenBack, overseeing your support case activity, and technical knowledge of the OpenBack services and your use of them, to help us diagnose and resolve issues.

**Changing a contact:** "Any changes to the Named Support Contacts shall be submitted to support@openback.com specifying the former and new contacts."
`,
    },
    {
      slug: 'contacting-openback-support',
      title: 'Contacting OpenBack Support',
      kind: 'faq',
      visibility: 'public',
      tags: ['support'],
      bodyMarkdown: `- **Email:** support@openback.com
- **Chat:** the chat widget on our website, docs and dashboard
- **Phone:** provided to our Pro and Enterprise customers
- **Documentation:** https://docs.openback.com/

Support hours, severity levels and the response targets of each package are set out in our published support policy.

Technical support covers implementations that use the OpenBack SDKs: "OpenBack will not provide any technical support to customers who do not include the OpenBack provided SDK within their mobile applications for use in connection with the OpenBack SaaS product."

When you write, include your App Code, the platform and SDK version, and what you expected to happen.
`,
    },
    {
      slug: 'triaging-delivery-reports',
      title: 'Triaging a "notifications not arriving" report',
      visibility: 'internal',
      tags: ['agents', 'troubleshooting'],
      bodyMarkdown: `For agents. Before escalating a delivery report:

1. Ask for the App Code, device ID, platform, SDK version and the time of the test if the customer has not given them.
2. Send them the public checklist: [Notifications are not arriving](notifications-not-arriving).
3. In the admin console check the device's last registration and the push provider's answer for the test notification (APNs or FCM error codes are shown per attempt).
4. An \`InvalidProviderToken\` or \`SenderId mismatch\` answer is a credentials problem on the customer's side: point them to the set-up article for their platform.
5. Set the severity from the customer's answers at intake and the policy's definitions; regrade with a reason if the impact turns out different.
`,
    },
    {
      slug: 'recording-named-contact-changes',
      title: 'Recording a change of Named Support Contact',
      visibility: 'internal',
      tags: ['agents', 'account'],
      bodyMarkdown: `For agents. Changes arrive at support@openback.com and must name the former and the new contact.

1. Check the request comes from the customer's current Named Support Contact or account owner.
2. If the former or the new contact is missing from the request, reply asking for both.
3. Mark the new person as a named contact on the organization in Accord and remove the mark from the former one. Accord refuses more named contacts than the package allows.
4. Reply to confirm the change to both people.
`,
    },
  ];
}
