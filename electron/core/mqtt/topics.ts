// Topic rules of MQTT §4.7, checked before anything is sent: the broker would drop the connection.

/** Why a topic filter is not valid (MQTT §4.7), in words; null when it is fine. */
export function topicFilterProblem(filter: string): string | null {
  if (filter.length === 0) return 'the topic filter is empty';
  if (filter.includes('\u0000')) return 'the topic filter contains a NUL character';
  const levels = filter.split('/');
  for (const [index, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || index !== levels.length - 1)) {
      return '# must be a whole level and the last one (e.g. v2/+/data or v2/#)';
    }
    if (level.includes('+') && level !== '+') return '+ must be a whole level (e.g. v2/+/data)';
  }
  return null;
}

/** Why `topic` cannot be published to (MQTT §4.7.3), or null. */
export function topicNameProblem(topic: string): string | null {
  if (topic.length === 0) return 'the topic is empty';
  if (/[+#]/.test(topic)) return 'a topic to publish to must not contain the wildcards + or #';
  if (topic.includes('\u0000')) return 'the topic contains a NUL character';
  if (Buffer.byteLength(topic) > 65_535) return 'the topic is longer than 65535 bytes';
  return null;
}
