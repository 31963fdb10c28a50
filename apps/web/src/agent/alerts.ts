/**
 * "Something new needs you": a desktop notification (when the agent allowed them) and a short
 * beep made with WebAudio (no audio file to ship). Each alert bumps `data-alerts` on the page
 * root, so tests and screen readers' users can tell one fired without a real speaker.
 */
let audio: AudioContext | undefined;
let count = 0;

export type NotificationState = NotificationPermission | 'unsupported';

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Asks for notification permission and unlocks audio. Browsers allow both only during a user
 * gesture, so the desk calls this from a click (going online, or the "Enable alerts" button).
 */
export async function enableAlerts(): Promise<NotificationState> {
  try {
    audio ??= new AudioContext();
    await audio.resume();
  } catch {
    // No audio device: the notification still works.
  }
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission === 'default') return Notification.requestPermission();
  return Notification.permission;
}

export function alertAgent(title: string, body: string): void {
  count += 1;
  document.documentElement.dataset.alerts = String(count);
  beep();
  if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
    try {
      const note = new Notification(title, { body, tag: `switchboard-${count}` });
      note.onclick = () => window.focus();
    } catch {
      // Some browsers only allow notifications from a service worker: the beep must do.
    }
  }
}

function beep(): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.25);
    document.documentElement.dataset.beeps = String(
      Number(document.documentElement.dataset.beeps ?? '0') + 1,
    );
  } catch {
    // Audio unavailable (no device, or not yet unlocked by a gesture): nothing to do.
  }
}
