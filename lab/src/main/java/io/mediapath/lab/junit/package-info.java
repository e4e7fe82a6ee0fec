/** JUnit support for tests built on the lab: fail a test class on a Netty buffer leak. */
package io.mediapath.lab.junit;
