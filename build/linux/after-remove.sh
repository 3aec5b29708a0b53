#!/bin/bash
# deb post-remove (an electron-builder template): the command link and the udev rule go.
EXECUTABLE='${executable}'
RULE_NAME='60-gateway-diagnostics-sticks.rules'

if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove "$EXECUTABLE" "/usr/bin/$EXECUTABLE"
else
  rm -f "/usr/bin/$EXECUTABLE"
fi

rm -f "/lib/udev/rules.d/$RULE_NAME"
if command -v udevadm >/dev/null 2>&1; then
  udevadm control --reload-rules || true
fi
