#!/bin/bash
# deb post-install (an electron-builder template: it fills in the two product macros).
# Does what electron-builder's default script does (command link, chrome-sandbox mode, desktop
# databases) and installs the udev rule for the iM871A and iU891A sticks.
APP_DIR='/opt/${sanitizedProductName}'
EXECUTABLE='${executable}'
RULE_NAME='60-gateway-diagnostics-sticks.rules'

if type update-alternatives >/dev/null 2>&1; then
  # An older plain symlink would block update-alternatives.
  if [ -L "/usr/bin/$EXECUTABLE" ] && [ "$(readlink "/usr/bin/$EXECUTABLE")" != "/etc/alternatives/$EXECUTABLE" ]; then
    rm -f "/usr/bin/$EXECUTABLE"
  fi
  update-alternatives --install "/usr/bin/$EXECUTABLE" "$EXECUTABLE" "$APP_DIR/$EXECUTABLE" 100 ||
    ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"
else
  ln -sf "$APP_DIR/$EXECUTABLE" "/usr/bin/$EXECUTABLE"
fi

# Chromium's sandbox needs the SUID helper only where unprivileged user namespaces are unavailable.
if [[ -L /proc/self/ns/user ]] && unshare --user true 2>/dev/null; then
  chmod 0755 "$APP_DIR/chrome-sandbox" || true
else
  chmod 4755 "$APP_DIR/chrome-sandbox" || true
fi

# ModemManager must leave the stick alone; dialout members may open it. Versions before the
# iU891A installed an iM871A-only rule under another name: it goes.
rm -f /lib/udev/rules.d/60-gateway-diagnostics-im871a.rules
install -D -m 0644 "$APP_DIR/resources/udev/$RULE_NAME" "/lib/udev/rules.d/$RULE_NAME"
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
  udevadm trigger --subsystem-match=tty --action=change || true
fi

if hash update-mime-database 2>/dev/null; then
  update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
  update-desktop-database /usr/share/applications || true
fi
