/**
 * The sandbox's hosts: their layout under {@code /opt/spacetime}, their SSH servers (embedded MINA
 * SSHD or OpenSSH {@code sshd}), keys, command log, service script and the clean-up of every process
 * they start. Depends on {@code releases} and {@code standin}.
 */
package io.spacetime.runbook.sandbox.hosts;
