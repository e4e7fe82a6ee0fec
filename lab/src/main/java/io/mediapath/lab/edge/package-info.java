/**
 * An emulated Lync/Skype for Business Edge media relay: the genuine [MS-TURN] 2.1.1 pseudo-TLS answer on a TCP
 * port, written from the specification's bytes (one 83-byte record holding ServerHello and ServerHelloDone, no
 * Certificate), independently of any probe that checks it.
 */
package io.mediapath.lab.edge;
