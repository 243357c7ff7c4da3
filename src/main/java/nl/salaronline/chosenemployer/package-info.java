/**
 * The employer chosen in the Werkgever part: remembered in the session once one of its pages is opened, shown at the
 * top of every Werkgever page with a way to change it, and used by the menu's links. The URLs keep the employer code.
 */
package nl.salaronline.chosenemployer;
