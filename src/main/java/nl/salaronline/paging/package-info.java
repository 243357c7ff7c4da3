/**
 * The page number of every paged list (both Verzendlogs, the admin's mail queue and SMTP changes). A module of its
 * own, depending on nothing of ours: the lists live in several modules, and {@code system} (the layout and parts)
 * itself depends on some of them.
 */
package nl.salaronline.paging;
