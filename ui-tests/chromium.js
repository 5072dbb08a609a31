/**
 * How every browser test and benchmark starts Debian's Chromium: never a
 * downloaded browser, and none of the background connections this
 * machine's closed network would refuse.
 */
module.exports = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic'
  ]
};
